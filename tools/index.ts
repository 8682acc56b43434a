import { countCompaniesTool, countPeopleTool, pendingDraftsTool, pipelineSummaryTool } from './crm';
import { sendEmail } from './outbound';
import { registry, type Tool } from './registry';

/** Every tool a teammate calls, by name: the ask step's reads, the drafter's send_email. */
export const allTools: Tool[] = [pipelineSummaryTool, countPeopleTool, countCompaniesTool, pendingDraftsTool, sendEmail];
export const toolRegistry = registry(allTools);
export { runTool, type ToolContext, type ToolKind } from './registry';
