import type { UmServiceDescription } from '@/lib/um-service';
import { formatTimeout } from './format';

/** Which UM service the console talks to, and how. Never the password. */
export function UmServiceDetails({ service }: { service: UmServiceDescription }) {
  return (
    <section className="panel" aria-labelledby="um-service-heading" data-testid="um-service">
      <h2 id="um-service-heading">UM service</h2>
      <dl className="facts">
        <dt>Service</dt>
        <dd>
          <ServiceEndpoint service={service} />
        </dd>
        <dt>Service account</dt>
        <dd>{service.username ? <code>{service.username}</code> : 'none'}</dd>
        <dt>Timeout</dt>
        <dd>
          {formatTimeout(service.timeoutMs)} per request ({service.timeoutMs} ms)
        </dd>
        <dt>Max concurrency</dt>
        <dd>
          {service.maxConcurrency} {service.maxConcurrency === 1 ? 'request' : 'requests'} at once
        </dd>
      </dl>
    </section>
  );
}

function ServiceEndpoint({ service }: { service: UmServiceDescription }) {
  if (service.mode === 'remote') return <code>{service.endpoint}</code>;
  if (!service.endpoint) return <>The embedded UM simulator, which could not be started</>;
  return (
    <>
      The embedded UM simulator at <code>{service.endpoint}</code>
    </>
  );
}
