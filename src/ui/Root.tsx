import { App, type AppProps } from './App.js';
import { useViewport } from './viewport.js';

export type RootProps = Omit<AppProps, 'columns' | 'rows'>;

/** The app at the terminal's size: the one place the size is read. */
export function Root(props: RootProps) {
  const { columns, rows } = useViewport();
  return <App {...props} columns={columns} rows={rows} />;
}
