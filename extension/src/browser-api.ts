// The WebExtension API of both browsers, without a polyfill. Firefox's `browser.*` returns promises; so does Chrome's
// `chrome.*` in Manifest V3 for every call made here (storage, action, permissions, tabs, webNavigation, runtime: since
// Chrome 116 at the latest, the manifest's floor). The one difference left is how a message listener answers: Chrome
// ignores a returned promise and waits for `sendResponse` when the listener returns true, which Firefox honours too, so
// `onMessage` answers that way in both. The types are webextension-polyfill's, which describe these promise forms.
import type Browser from 'webextension-polyfill';

const scope = globalThis as { browser?: Browser.Browser; chrome?: Browser.Browser };

/** `browser` in Firefox, `chrome` in Chrome. */
export const api: Browser.Browser = (scope.browser ?? scope.chrome)!;

/**
 * Answer runtime messages: `listener` returns the answer's promise, or undefined for a message it does not handle
 * (another listener may). A rejected answer is sent as undefined, which the sender reads as no answer.
 */
export function onMessage(listener: (message: unknown) => Promise<unknown> | undefined): void {
  const callback = (message: unknown, _sender: Browser.Runtime.MessageSender, sendResponse: (response: unknown) => void): boolean => {
    const answer = listener(message);
    if (answer === undefined) return false;
    answer.then(sendResponse, () => sendResponse(undefined));
    return true;
  };
  api.runtime.onMessage.addListener(callback as Browser.Runtime.OnMessageListener);
}
