import { render } from 'preact';
import { App } from './app/App';
import '@fontsource-variable/source-sans-3/wght.css';
import '@fontsource-variable/literata/wght.css';
import './shared/styles/tokens.css';
import './shared/styles/base.css';
import './shared/styles/components.css';
import './shared/styles/layout.css';

const root = document.getElementById('app');
if (root) render(<App />, root);

// The service worker keeps the app shell for offline use. Only in production builds: in
// development it would serve stale modules to Vite's dev server.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without it Trove still works; it only cannot open without a connection.
    });
  });
}
