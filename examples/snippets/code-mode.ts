// Code mode: besides its plain tools, the model gets `run_script`, with which it writes one short
// script calling several tools (app tools and installed module tools) in a single step.
import { z } from 'zod';
import { Agent, defineTool } from '@graft/core';
import { CodeModeToolSource, type ModuleManager } from '@graft/modules';
import type { ChatProvider } from '@graft/providers';

export function agentWithCodeMode(provider: ChatProvider, modules: ModuleManager): { agent: Agent; codeMode: CodeModeToolSource } {
  const weather = defineTool({
    name: 'get_weather',
    description: 'Current temperature in °C for a city',
    input: z.object({ city: z.string() }),
    execute: async ({ city }) => ({ city, tempC: 21 }),
  });
  // The script calls `await tools.get_weather({ city })` and module tools the same way; a script
  // naming an approval-gated tool asks for the user's approval before it runs.
  const codeMode = new CodeModeToolSource({ tools: [weather, modules.toolSource()] });
  const agent = new Agent({ provider, tools: [weather], toolSources: [modules.toolSource(), codeMode] });
  return { agent, codeMode }; // dispose codeMode with the agent: `await codeMode.close()`
}
