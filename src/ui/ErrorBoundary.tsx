import { Component, type ReactNode } from 'react';

export type ErrorBoundaryProps = {
  readonly onError: (error: Error) => void;
  readonly children?: ReactNode;
};

/**
 * Catches a render error so it never reaches Ink's own error screen (a stack trace on the user's
 * terminal): the app reports one line and exits with status 1 (RAGTOP_DEBUG=1 adds the trace).
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error): void {
    this.props.onError(error);
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
