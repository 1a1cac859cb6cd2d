// The simulated engine's timing model (README "Timing model"): what one engine step costs.

/**
 * Timing parameters of a simulated server, as `GET /_sim/timing` reports them.
 * @typedef {{ stepMs: number, perSeqMs: number, prefillPerTokenMs: number, maxNumSeqs: number, streamInterval: number }} TimingModel
 */

// The timing model of a server started with `config` under the VLLM_SIM_* knobs in `simEnv`.
/** @param {import('./sim-env.mjs').SimEnv} simEnv @param {import('./config.mjs').ServeConfig} config @returns {TimingModel} */
export function timingModelOf(simEnv, config) {
  return {
    stepMs: simEnv.stepMs,
    perSeqMs: simEnv.perSeqMs,
    prefillPerTokenMs: simEnv.prefillPerTokenMs,
    maxNumSeqs: config.maxNumSeqs,
    streamInterval: config.streamInterval,
  };
}

// Duration of one step that runs `running` sequences and computes `prefillTokens` uncached prompt tokens.
/** @param {Pick<TimingModel, 'stepMs' | 'perSeqMs' | 'prefillPerTokenMs'>} model @param {number} running @param {number} prefillTokens */
export function stepDuration(model, running, prefillTokens = 0) {
  return model.stepMs + model.perSeqMs * running + model.prefillPerTokenMs * prefillTokens;
}
