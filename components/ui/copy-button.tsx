'use client';

import { useEffect, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

const FEEDBACK: Record<CopyState, string> = { idle: '', copied: 'Copied', failed: 'Copy failed: select the text and copy it' };

/** Copies `value` to the clipboard and says whether it worked. `label` is the button's accessible name. */
export function CopyButton({ value, label, className }: { readonly value: string; readonly label: string; readonly className?: string }) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    setState((await writeClipboard(value)) ? 'copied' : 'failed');
  }

  return (
    <span className="copy">
      <button type="button" className={className ?? 'button button--small'} aria-label={label} title={label} onClick={copy}>
        Copy
      </button>
      <span className="copy__feedback" aria-live="polite">
        {FEEDBACK[state]}
      </span>
    </span>
  );
}

// The Clipboard API exists only in secure contexts; a console reached over plain http on the LAN
// falls back to the older selection-based copy.
async function writeClipboard(value: string): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(value);
      return true;
    }
  } catch {
    // Permission refused: try the fallback.
  }
  const area = document.createElement('textarea');
  area.value = value;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
