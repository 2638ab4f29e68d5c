/** Operation modes: a request to look something up prefers lookup tools over sibling tools that change something, and the other way round. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, lexicalRanker, type Tool } from '@graft/core';
import { requestMode, toolMode } from '../../src/tools/retrieval/operations.js';

const mk = (name: string, description: string): Tool => defineTool({ name, description, input: z.object({}), execute: () => null });
const names = (tools: Tool[], query: string, limit: number) =>
  lexicalRanker()
    .rank(query, tools, limit)
    .map((r) => r.name);

describe('operation modes', () => {
  it('a tool that creates, sends or changes writes; one that lists, searches or tracks reads; a noun or a transform is neutral', () => {
    expect(toolMode('cal__create_event')).toBe('write');
    expect(toolMode('chat__post-message')).toBe('write');
    expect(toolMode('tracker__update_ticket_status')).toBe('write');
    expect(toolMode('cal__list_events')).toBe('read');
    expect(toolMode('books__book_search')).toBe('read');
    expect(toolMode('delivery__track_delivery')).toBe('read');
    expect(toolMode('weather__get_forecast')).toBe('read');
    expect(toolMode('weather__forecast')).toBe('neutral');
    expect(toolMode('fx__convert_currency')).toBe('neutral');
  });

  it('a request reads when it asks a question or to look up, writes when it starts with a verb that changes something, else has no mode', () => {
    expect(requestMode("what's on my schedule friday")).toBe('read');
    expect(requestMode('tell me about the Ottoman empire')).toBe('read');
    expect(requestMode('Google Calendar: any meetings monday?')).toBe('read');
    expect(requestMode('put lunch with Sam on my calendar thursday')).toBe('write');
    expect(requestMode('tell the #general channel the deploy is done')).toBe('write');
    expect(requestMode('hey can you please book a table for two')).toBe('write');
    expect(requestMode('dinner idea with salmon')).toBeUndefined();
    expect(requestMode('')).toBeUndefined();
  });

  it('ranks the sibling operation of the request mode first', () => {
    const tools = [
      mk('cal__create_event', 'Create a calendar event on a day.'),
      mk('cal__list_events', 'List the calendar events of a day.'),
      mk('chat__read_channel', 'Read the recent messages of a chat channel.'),
      mk('chat__post_message', 'Post a message to a chat channel.'),
    ];
    // without a mode the two calendar tools tie on "calendar" (the first listed wins)
    expect(names(tools, 'calendar friday', 1)).toEqual(['cal__create_event']);
    expect(names(tools, "what's on my calendar friday", 1)).toEqual(['cal__list_events']);
    expect(names(tools, 'put lunch with Sam on my calendar friday', 1)).toEqual(['cal__create_event']);
    expect(names(tools, 'tell the channel that the build is green', 1)).toEqual(['chat__post_message']);
    expect(names(tools, 'what did people say in the channel', 1)).toEqual(['chat__read_channel']);
  });

  it('the whole of a multi-intent request has no mode: each part keeps its own tool', () => {
    const tools = [
      mk('weather__current_weather', 'Weather right now in a city.'),
      mk('todo__add_task', 'Add a task to the to-do list.'),
      mk('todo__list_tasks', 'List the open tasks.'),
    ];
    expect(names(tools, 'check the weather in Oslo, then add a task to pack an umbrella', 2).sort()).toEqual(['todo__add_task', 'weather__current_weather']);
  });
});
