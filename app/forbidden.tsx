import Link from 'next/link';

/** Rendered with status 403 when requireRole finds the signed-in person's role too low. */
export default function Forbidden() {
  return (
    <section className="panel" aria-labelledby="forbidden-heading" data-testid="forbidden-page">
      <h1 id="forbidden-heading">Not allowed</h1>
      <p>Your role does not allow you to open this page. If you need it, ask an administrator to change your role.</p>
      <p>
        <Link href="/">Go to the console’s start page</Link>
      </p>
    </section>
  );
}
