import { useRoute } from './router';
import { Home } from '../home/Home';
import { Studio } from './Studio';

export function App() {
  const route = useRoute();
  return route.screen === 'studio' ? <Studio key={route.modelId} modelId={route.modelId} /> : <Home />;
}
