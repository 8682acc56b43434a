import { findPeopleTool, getPersonTool, logNoteTool } from './crm';
import { bookMeeting, sendEmail, sendMessage } from './outbound';
import { registry, type Tool } from './registry';

/** Every tool a teammate can call, by name. */
export const allTools: Tool[] = [getPersonTool, findPeopleTool, logNoteTool, sendEmail, sendMessage, bookMeeting];
export const toolRegistry = registry(allTools);
export { callTool, type ToolContext, type ToolKind } from './registry';
