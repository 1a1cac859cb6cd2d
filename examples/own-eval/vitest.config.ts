import { withEvals } from 'qwen-evals/config';
import evals from './qwen-evals.config.ts';

// One Vitest project per model in qwen-evals.config.ts, running the eval files under evals/.
export default withEvals(evals);
