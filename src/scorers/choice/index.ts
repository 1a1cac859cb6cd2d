// Chat-mode multiple-choice scoring shared by ARC-Challenge and HellaSwag.
export { extractChoice, type Choice, type ChoiceExtraction } from './extract-choice.ts';
export { scoreChoiceResponse, type ChatChoiceScore } from './score-chat.ts';
export { buildChoiceGoldResponse, buildChoiceWrongResponse } from './self-check.ts';
export { CHAT_CHOICE_METRICS, CHAT_CHOICE_PRIMARY_METRIC } from './metrics.ts';
