// The two manifests, generated from one description. Permissions, and why each is needed:
// - storage: settings (storage.sync) and the per-tab state and result cache (storage.session).
// - webNavigation: the URL of each tab's committed page, to check its domain and set that tab's badge.
// - host access to the three named DoH providers: reading their answers (lookups go there and nowhere else).
// - optional https://*/*: asked at run time for one host at a time (`https://mta-sts.<domain>/*`, from the popup)
//   or a custom DoH server's origin (from the options); a match pattern cannot say `mta-sts.*`, so the optional
//   grant is declared broad and requested narrow.

/** Gecko id of the Firefox build. */
export const GECKO_ID = 'sts-lens@sts-lens.dev';

const ICONS = { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png', 48: 'icons/icon-48.png', 96: 'icons/icon-96.png', 128: 'icons/icon-128.png' };

export const DOH_HOST_PERMISSIONS = ['https://cloudflare-dns.com/*', 'https://dns.google/*', 'https://dns.quad9.net/*'];

/** The manifest of `target` for the package `pkg` (its version and description). */
export function manifestFor(/** @type {'chrome' | 'firefox'} */ target, /** @type {{ version: string, description: string }} */ pkg) {
  const base = {
    manifest_version: 3,
    name: 'STS Lens',
    version: pkg.version,
    description: 'Shows whether a site’s mail domain protects its inbound mail with MTA-STS and TLS-RPT, and what to fix.',
    icons: ICONS,
    action: { default_title: 'STS Lens', default_popup: 'popup.html', default_icon: { 16: ICONS[16], 32: ICONS[32] } },
    options_ui: { page: 'options.html', open_in_tab: true },
    permissions: ['storage', 'webNavigation'],
    host_permissions: DOH_HOST_PERMISSIONS,
    optional_host_permissions: ['https://*/*'],
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'none'" },
  };
  if (target === 'chrome') return { ...base, minimum_chrome_version: '116', background: { service_worker: 'background.js' } };
  return {
    ...base,
    background: { scripts: ['background.js'] },
    browser_specific_settings: {
      // 140: the first desktop Firefox that reads data_collection_permissions (AMO requires it); Firefox for Android
      // reads it from 142 on, which gecko_android says (else web-ext lint warns KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION).
      gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '142.0' },
    },
  };
}
