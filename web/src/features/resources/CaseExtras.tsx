import { useState } from 'preact/hooks';
import type { Case, Client } from '../../api/types';
import { Button } from '../../shared/ui/Button';
import { Notice } from '../../shared/ui/Feedback';
import { AssignForm } from '../journal/AssignForm';
import { useJournalApi } from '../journal/api';
import { useCached } from '../journal/useCached';
import { MapView } from './MapView';
import { ownerResourcePath } from './ResourcePage';

/** Each member's own map beside the collective one: the members the reader may see, compactly. */
export function MemberMaps({ c, clients }: { c: Case; clients: Map<string, Client> | null }) {
  const visible = c.member_ids.filter((id) => clients?.get(id));
  if (visible.length === 0) return null;
  return (
    <section class="card" aria-labelledby="member-maps-title">
      <h2 id="member-maps-title" class="card__title">
        Each member’s own map
      </h2>
      <div class="member-maps">
        {visible.map((id) => {
          const name = clients!.get(id)!.display_name;
          const owner = { kind: 'client' as const, id };
          return (
            <div key={id} class="member-maps__item map-card">
              <h3 class="member-maps__name">{name}</h3>
              <MapView
                owner={owner}
                whose={name}
                showVisibility
                hrefFor={(r) => ownerResourcePath(owner, r.id)}
                empty={<p class="field__hint">No resources on {name}’s map yet.</p>}
              />
            </div>
          );
        })}
      </div>
    </section>
  );
}

/** One exercise for the whole couple, family or group: each member gets their own assignment. */
export function CaseExercise({ c }: { c: Case }) {
  const japi = useJournalApi();
  const exercises = useCached('journal:exercises', () => japi.listExercises().then((r) => r.items));
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section class="card" aria-labelledby="case-exercise-title">
      <h2 id="case-exercise-title" class="card__title">
        An exercise for everyone
      </h2>
      <Notice message={notice} />
      {open && exercises.value ? (
        <AssignForm
          form="case-assign"
          clientId=""
          caseId={c.id}
          exercises={exercises.value}
          voice="therapist"
          onDone={(_, exercise) => {
            setOpen(false);
            setNotice(
              `“${exercise?.title ?? 'The exercise'}” is assigned to each of the ${c.member_ids.length} members. Everyone writes their own entries; you can change each member’s assignment on their page.`,
            );
          }}
          onCancel={() => setOpen(false)}
        />
      ) : (
        <>
          <p class="field__hint">Each member gets the exercise as their own, with their own reminders and entries.</p>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            Assign an exercise to all members
          </Button>
        </>
      )}
    </section>
  );
}
