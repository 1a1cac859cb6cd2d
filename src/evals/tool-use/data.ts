import { shippedJsonl } from '../shipped-data.ts';
import { ToolTaskSchema } from './reader.ts';

/** The shipped tool-use tasks, read from this folder. */
export const toolTasksSource = shippedJsonl(new URL('./tasks.jsonl', import.meta.url), ToolTaskSchema, 'tool-use tasks (shipped)');
