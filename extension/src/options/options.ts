// The options page: reads and writes the settings in storage.sync; a custom DoH URL is validated and its origin
// asked for (the browser blocks reading a DoH answer from an origin the extension may not access, unless it allows CORS).
import { api as browser } from '../browser-api.ts';
import { dohOriginPattern, dohUrlProblem, normalizeSettings, parseExclusions, type Settings } from '../settings.ts';

const form = document.getElementById('options') as HTMLFormElement;
const customUrl = document.getElementById('custom-url') as HTMLInputElement;
const customError = document.getElementById('custom-error')!;
const cacheMinutes = document.getElementById('cache-minutes') as HTMLInputElement;
const exclusions = document.getElementById('exclusions') as HTMLTextAreaElement;
const saved = document.getElementById('saved')!;

function radio(name: string, value: string): HTMLInputElement | null {
  return form.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
}

function fill(s: Settings): void {
  radio('provider', s.provider)!.checked = true;
  radio('checkOn', s.checkOn)!.checked = true;
  customUrl.value = s.customUrl;
  cacheMinutes.value = String(s.cacheMinutes);
  exclusions.value = s.exclusions.join('\n');
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  saved.textContent = '';
  const data = new FormData(form);
  const provider = String(data.get('provider') ?? 'cloudflare');
  const url = customUrl.value.trim();
  const problem = provider === 'custom' ? dohUrlProblem(url) : null;
  customError.textContent = problem ?? '';
  if (problem) {
    customUrl.focus();
    return;
  }
  // Ask for the custom provider's origin in the click's turn (the browser asks only in response to a user action).
  const asked =
    provider === 'custom'
      ? browser.permissions.request({ origins: [dohOriginPattern(url)] }).catch(() => false)
      : Promise.resolve(true);
  const settings = normalizeSettings({
    provider,
    customUrl: url,
    checkOn: data.get('checkOn'),
    cacheMinutes: Number(cacheMinutes.value),
    exclusions: parseExclusions(exclusions.value),
  });
  void asked.then(async (granted) => {
    await browser.storage.sync.set({ ...settings });
    fill(settings);
    saved.textContent = granted ? 'Saved.' : 'Saved; without access to that server, lookups work only if it allows cross-origin requests (CORS).';
  });
});

document.getElementById('grant-all')!.addEventListener('click', () => {
  void browser.permissions.request({ origins: ['https://*/*'] }).then((ok) => (saved.textContent = ok ? 'Policy fetches allowed for every site.' : 'Not granted.'));
});

document.getElementById('revoke-all')!.addEventListener('click', () => {
  void browser.permissions.getAll().then(async (p) => {
    const origins = (p.origins ?? []).filter((o) => o === 'https://*/*' || o.startsWith('https://mta-sts.'));
    if (origins.length > 0) await browser.permissions.remove({ origins });
    saved.textContent = `Withdrew access to ${origins.length} ${origins.length === 1 ? 'origin' : 'origins'}.`;
  });
});

void browser.storage.sync.get(null).then((raw) => fill(normalizeSettings(raw)));
