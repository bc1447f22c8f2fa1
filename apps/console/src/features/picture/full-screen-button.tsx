import { useSyncExternalStore, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

function subscribe(onChange: () => void): () => void {
  document.addEventListener('fullscreenchange', onChange);
  return () => document.removeEventListener('fullscreenchange', onChange);
}

/**
 * Shows the picture alone on the whole screen, without the console's header and navigation, for
 * a wall screen; pressed again (or Esc) it comes back. Absent where the browser cannot do it.
 */
export function FullScreenButton({ target }: { readonly target: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  const fullScreen = useSyncExternalStore(
    subscribe,
    () => document.fullscreenElement !== null && document.fullscreenElement === target.current,
  );
  if (!document.fullscreenEnabled) return null;
  return (
    <button
      type="button"
      className="button button--quiet picture__full-screen"
      data-testid="picture-full-screen"
      onClick={() => {
        if (fullScreen) {
          void document.exitFullscreen();
        } else {
          target.current?.requestFullscreen().catch((error: unknown) => {
            console.warn('The picture could not take the whole screen', error);
          });
        }
      }}
    >
      {fullScreen ? t('picture.leaveFullScreen') : t('picture.fullScreen')}
    </button>
  );
}
