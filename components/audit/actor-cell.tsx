import { describeActor, describeRole } from './audit-words';

interface ActorLike {
  readonly actorId: string | null;
  readonly actorEmail: string | null;
  readonly actorRole: string | null;
  readonly authMethod: string;
}

/** The actor's email with their role at the time underneath. */
export function ActorCell({ event }: { readonly event: ActorLike }) {
  const role = describeRole(event.actorRole);
  return (
    <span className="stacked">
      <span className="stacked__main">{describeActor(event)}</span>
      {role ? <span className="stacked__sub">{role}</span> : null}
    </span>
  );
}
