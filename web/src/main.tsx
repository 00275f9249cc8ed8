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
