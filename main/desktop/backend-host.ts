/**
 * The back end inside the utility process: opens the store on `init`, then
 * answers `call` messages through dispatch() (the same door as web mode).
 */
import { dispatch } from '../services/dispatch';
import { createHandlers, type Handlers, type TemplateSource } from '../services/handlers';
import type { ModelStore } from '../store/types';
import type { BackendInit, FromBackend, ParentPortLike, ToBackend } from './backend-protocol';

export interface BackendHostDeps {
  openStore(path: string): ModelStore;
  templates(dir?: string): TemplateSource;
  exit(code: number): void;
  log?: (message: string) => void;
}

export function runBackendHost(port: ParentPortLike, deps: BackendHostDeps): void {
  let store: ModelStore | undefined;
  let handlers: Handlers | undefined;
  const post = (message: FromBackend) => port.postMessage(message);

  const init = (config: BackendInit) => {
    if (handlers) return post({ type: 'ready' });
    try {
      store = deps.openStore(config.storePath);
      handlers = createHandlers({
        store,
        templates: deps.templates(config.templatesDir),
        mode: 'desktop',
        storePath: config.storePath,
        version: config.version,
      });
      post({ type: 'ready' });
    } catch (err) {
      post({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
    }
  };

  port.on('message', ({ data }) => {
    const message = data as ToBackend;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'init') init(message.init);
    else if (message.type === 'call') {
      if (!handlers) {
        post({
          type: 'result',
          id: message.id,
          response: { error: { code: 'internal', message: 'the Keel back end is not ready' } },
        });
        return;
      }
      void dispatch(handlers, message.op, message.input, deps.log ? { log: deps.log } : {}).then((response) =>
        post({ type: 'result', id: message.id, response }),
      );
    } else if (message.type === 'close') {
      store?.close();
      store = undefined;
      handlers = undefined;
      deps.exit(0);
    }
  });
}
