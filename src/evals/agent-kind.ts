/**
 * The kind of the agent checks (tool_use, json_output, multi_turn): the tracker's "Function calling and agents" block
 * shows datasets of this kind in one table (src/node/tracker/agent-section/renderers.ts).
 */
export const AGENT_KIND = 'agent';
