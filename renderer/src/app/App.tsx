import { useSyncExternalStore } from 'react';
import { useRoute } from './router';
import { Home } from '../home/Home';
import { ImportProblems } from '../home/ImportButton';
import { desktopImportFailure, installDesktopEvents } from './menu';
import { Studio } from './Studio';

installDesktopEvents();

export function App() {
  const route = useRoute();
  return (
    <>
      {route.screen === 'studio' ? <Studio key={route.modelId} modelId={route.modelId} /> : <Home />}
      <DesktopImportFailure />
    </>
  );
}

/** An Open or Import from the desktop menu that main reported as failed. */
function DesktopImportFailure() {
  const failure = useSyncExternalStore(desktopImportFailure.subscribe, desktopImportFailure.get);
  if (!failure) return null;
  return (
    <ImportProblems
      fileName={failure.fileName}
      problems={failure.problems}
      message={failure.message}
      onClose={desktopImportFailure.clear}
    />
  );
}
