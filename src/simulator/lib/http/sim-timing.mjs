// GET /_sim/timing: the timing model's parameters, so a benchmark can label its numbers and predict them.
import { sendJson } from './respond.mjs';
import { timingModelOf } from '../timing.mjs';

/** @param {import('./run-generation.mjs').App} app @param {import('node:http').ServerResponse} res */
export function simTiming(app, res) {
  sendJson(res, 200, timingModelOf(app.simEnv, app.config));
}
