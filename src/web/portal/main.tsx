import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import 'leaflet/dist/leaflet.css';
import '../styles.css';
import './portal.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../shared/i18n/i18n.js';
import { reloadOnStaleBuild } from '../shared/ui/LazyPage.js';
import { PortalApp } from './PortalApp.js';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
reloadOnStaleBuild();

void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <PortalApp />
    </StrictMode>,
  );
});
