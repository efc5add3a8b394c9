import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { initI18n } from './shared/i18n/i18n.js';
import { reloadOnStaleBuild } from './shared/ui/LazyPage.js';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
reloadOnStaleBuild();

void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
