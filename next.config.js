// @ts-check

// The same on every answer, static files included. The per-response ones (the nonce
// Content-Security-Policy, Strict-Transport-Security over https) are set by proxy.ts.
const FIXED_SECURITY_HEADERS = [
  // A file is only ever what its Content-Type says (no script sniffed out of a JSON or CSV answer).
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // For browsers that predate CSP's frame-ancestors: no page of the console inside another's frame.
  { key: 'X-Frame-Options', value: 'DENY' },
  // Not no-referrer: under it, browsers send `Origin: null` with same-origin POSTs, and Next.js and
  // proxy.ts would refuse the console's own forms as cross-site.
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // The console needs none of the browser's powerful features.
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), display-capture=()',
  },
  // A page opened from the console (or opening it) gets no handle on the other's window.
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  async headers() {
    return [{ source: '/:path*', headers: FIXED_SECURITY_HEADERS }];
  },
  reactStrictMode: true,
  // undici keeps sockets, timers and native-ish internals: load it with Node's own require
  // instead of bundling a second copy into every server chunk.
  serverExternalPackages: ['undici'],
  experimental: {
    // requireRole answers a signed-in person whose role is too low with forbidden(): a real 403
    // and app/forbidden.tsx, instead of a redirect to a page that would answer 200.
    authInterrupts: true,
    serverActions: {
      // Next's default is 1 MB. The largest legitimate action body is a bulk disconnect of 1000
      // CallIds of the longest kind (about 1.4 MB, the API allows 1.5 MiB): anything above 2 MB
      // is refused before it is parsed, so an oversized post cannot make the server hold it.
      bodySizeLimit: '2mb',
    },
  },
  typescript: {
    // Type checking is its own step (`npm run typecheck`, a stage of `npm test` and CI), over the
    // whole repository. The build only compiles, so a type error in a test file cannot stop
    // `npm start` from serving the console.
    ignoreBuildErrors: true,
  },
};

module.exports = nextConfig;
