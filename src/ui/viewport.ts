// The one place that reads the terminal's size. Components get width and height as props.
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface Viewport {
  readonly columns: number;
  readonly rows: number;
}

export function useViewport(): Viewport {
  const { stdout } = useStdout();
  const read = (): Viewport => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState<Viewport>(read);
  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
