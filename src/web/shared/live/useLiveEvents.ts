/**
 * Subscribe a screen to the live bus (ADR 038): opens `/api/v1/live/stream?topics=…` with
 * EventSource (the browser reconnects by itself after a lost connection) and calls `onEvent`
 * with each event's topic and parsed data. `topics` are whole topic names (`alerts.raised`), not
 * prefixes: the stream would send a prefix's events, but EventSource hands an event only to the
 * listeners of its exact name. `live.hello` — sent first on every (re)connection —
 * calls `onConnect`, where the screen re-reads its state (e.g. invalidates its queries): nothing
 * is replayed, so what happened while away is in that state.
 */
import { useEffect, useRef } from 'react';

export interface LiveHandlers {
  onEvent?: (topic: string, data: unknown) => void;
  onConnect?: () => void;
}

export function useLiveEvents(topics: readonly string[], handlers: LiveHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  const key = topics.join(',');
  useEffect(() => {
    if (!key || typeof EventSource === 'undefined') return undefined;
    const source = new EventSource(`/api/v1/live/stream?topics=${encodeURIComponent(key)}`, {
      withCredentials: true,
    });
    const onMessage = (message: MessageEvent<string>) => {
      if (message.type === 'live.hello') {
        ref.current.onConnect?.();
        return;
      }
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      ref.current.onEvent?.(message.type, data);
    };
    source.addEventListener('live.hello', onMessage);
    for (const topic of key.split(',')) source.addEventListener(topic, onMessage);
    return () => source.close();
  }, [key]);
}
