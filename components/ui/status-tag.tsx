import type { ReactNode } from 'react';

export type Tone = 'ok' | 'problem' | 'warning' | 'pending' | 'neutral';

/** A short state in words, with a border colour as a second cue (never the only one). */
export function StatusTag({ tone, children, title }: { readonly tone: Tone; readonly children: ReactNode; readonly title?: string }) {
  return (
    <span className={`tag tag--${tone}`} title={title}>
      {children}
    </span>
  );
}
