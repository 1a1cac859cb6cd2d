import { z } from 'zod';
import type { Check, CheckContext } from './types.ts';

/** The 30 response languages IFEval may ask for (`instructions_util.LANGUAGE_CODES`). */
export const IFEVAL_LANGUAGES = [
  'en',
  'es',
  'pt',
  'ar',
  'hi',
  'fr',
  'ru',
  'de',
  'ja',
  'it',
  'bn',
  'uk',
  'th',
  'ur',
  'ta',
  'te',
  'bg',
  'ko',
  'pl',
  'he',
  'fa',
  'vi',
  'ne',
  'sw',
  'kn',
  'mr',
  'gu',
  'pa',
  'ml',
  'fi',
] as const;

export const ResponseLanguageKwargs = z.object({ language: z.enum(IFEVAL_LANGUAGES) });
/** language:response_language — langdetect names the language (raising counts as followed). */
export function checkResponseLanguage({ language }: z.infer<typeof ResponseLanguageKwargs>, context: CheckContext): Check {
  return (response) => {
    const detected = context.detectLanguage(response);
    return detected === null || detected === language;
  };
}
