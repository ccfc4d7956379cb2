import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectHost } from './host/connect';
import './styles/app.css';
import './styles/microscope.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

connectHost().then(
  (api) =>
    root.render(
      <StrictMode>
        <App api={api} />
      </StrictMode>,
    ),
  (error: unknown) => {
    container.textContent = `Postnet Studio could not start its host: ${error instanceof Error ? error.message : String(error)}`;
  },
);
