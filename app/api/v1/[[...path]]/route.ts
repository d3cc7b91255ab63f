import { unknownApiPath } from '@/lib/api/method-not-allowed';

// Any other path under /api/v1 answers JSON 404, never Next's HTML not-found page.
export const dynamic = 'force-dynamic';

export const GET = unknownApiPath;
export const POST = unknownApiPath;
export const PUT = unknownApiPath;
export const PATCH = unknownApiPath;
export const DELETE = unknownApiPath;
