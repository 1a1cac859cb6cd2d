import type { ChatTool } from '../../../runtime/client/chat-request.ts';
import { calculate } from './calculator.ts';
import type { MemoryFileSystem } from './file-system.ts';
import { LOOKUP_TABLES, lookupRow } from './lookup-tables.ts';
import { convertUnits, UNIT_NAMES } from './units.ts';

// The deterministic tools the harness executes for the model: their OpenAI definitions and their implementations.

/** The tools offered on every request of the suite. */
export const TOOL_DEFINITIONS: ChatTool[] = [
  {
    type: 'function',
    function: {
      name: 'calculator',
      description: 'Evaluate an arithmetic expression with + - * / ^ % and parentheses. Returns {"result": number}.',
      parameters: {
        type: 'object',
        properties: { expression: { type: 'string', description: 'e.g. "(24.5 * 3) + 10"' } },
        required: ['expression'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'convert_units',
      description: `Convert a value between units of length, mass, volume or temperature. Units: ${UNIT_NAMES.join(', ')}.`,
      parameters: {
        type: 'object',
        properties: { value: { type: 'number' }, from_unit: { type: 'string' }, to_unit: { type: 'string' } },
        required: ['value', 'from_unit', 'to_unit'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'lookup',
      description: `Look up one row of a table by its key. Tables: countries (by country name), products (by product id like P-101), employees (by employee id like E-17).`,
      parameters: {
        type: 'object',
        properties: { table: { type: 'string', enum: Object.keys(LOOKUP_TABLES) }, key: { type: 'string' } },
        required: ['table', 'key'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'list_files',
      description: 'List the files and folders directly inside a folder of the workspace.',
      parameters: { type: 'object', properties: { path: { type: 'string', description: 'e.g. "/notes"' } }, required: ['path'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'read_file',
      description: 'Read a text file of the workspace.',
      parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'write_file',
      description: 'Create or replace a text file of the workspace.',
      parameters: { type: 'object', properties: { path: { type: 'string' }, content: { type: 'string' } }, required: ['path', 'content'] },
    },
  },
];

/** Names of the tools. */
export const TOOL_NAMES = TOOL_DEFINITIONS.map((t) => t.function.name);

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

/**
 * Run one tool call on the case's file system. Every failure (unknown tool, missing or mistyped argument) is a result
 * the model sees, never an exception: a wrong call is the model's doing, and it may recover from it.
 */
export function executeTool(name: string, args: Record<string, unknown>, fs: MemoryFileSystem): Record<string, unknown> {
  switch (name) {
    case 'calculator':
      return typeof args.expression === 'string'
        ? { expression: args.expression, ...calculate(args.expression) }
        : { error: '`expression` must be a string' };
    case 'convert_units':
      return typeof args.value === 'number'
        ? { from: `${args.value} ${text(args.from_unit)}`, ...convertUnits(args.value, text(args.from_unit), text(args.to_unit)) }
        : { error: '`value` must be a number' };
    case 'lookup':
      return lookupRow(text(args.table), text(args.key));
    case 'list_files':
      return fs.list(text(args.path) || '/');
    case 'read_file':
      return fs.read(text(args.path));
    case 'write_file':
      return typeof args.content === 'string' ? fs.write(text(args.path), args.content) : { error: '`content` must be a string' };
    default:
      return { error: `unknown tool ${JSON.stringify(name)}; tools: ${TOOL_NAMES.join(', ')}` };
  }
}
