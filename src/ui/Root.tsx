import { useSyncExternalStore } from 'react';
import { App, type AppProps } from './App.js';
import type { LiveStore } from './live.js';
import { useViewport } from './viewport.js';

export type RootProps = Omit<AppProps, 'columns' | 'rows' | 'model' | 'banner'> & { readonly live: LiveStore };

/** The app at the terminal's size (the one place the size is read), on the live data. */
export function Root({ live, ...props }: RootProps) {
  const { columns, rows } = useViewport();
  const data = useSyncExternalStore(live.subscribe, live.get);
  return <App {...props} model={data.model} {...(data.banner ? { banner: data.banner } : {})} columns={columns} rows={rows} />;
}
