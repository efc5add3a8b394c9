/**
 * A staff member's live event stream (ADR 038) read in a test: open `GET /api/v1/live/stream` with
 * the client's session and collect its events (topic and JSON data) until `close()`.
 */
import { expect } from 'vitest';
import type { ApiClient } from './http.js';

/** Open an SSE stream and collect its events (topic and data) until `close()`. */
export async function openStream(client: ApiClient, topics: string) {
  const controller = new AbortController();
  const response = await fetch(`${client.baseUrl}/api/v1/live/stream?topics=${topics}`, {
    headers: { cookie: client.cookie },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events: { topic: string; data: unknown }[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const reading = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const topic = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (topic && data) events.push({ topic, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    /** Wait for `predicate` up to the suite's poll budget (20 s, vitest.config.ts): a loaded
     * machine delivers a notification late, never a wrong one. */
    async until(predicate: () => boolean) {
      await expect.poll(predicate, { interval: 50 }).toBe(true);
    },
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}
