import { useState } from 'preact/hooks';
import type { Case, Client } from '../../api/types';
import { useLocale, useT } from '../../shared/i18n';
import { Button } from '../../shared/ui/Button';
import { Notice } from '../../shared/ui/Feedback';
import { AssignForm } from '../../shared/journal/AssignForm';
import { useJournalApi } from '../../shared/journal/api';
import { useCached } from '../../shared/useCached';
import { MapView } from '../../shared/resources/MapView';
import { ownerResourcePath } from '../../shared/resources/paths';

/** Each member's own map beside the collective one: the members the reader may see, compactly. */
export function MemberMaps({ c, clients }: { c: Case; clients: Map<string, Client> | null }) {
  const t = useT();
  const visible = c.member_ids.filter((id) => clients?.get(id));
  if (visible.length === 0) return null;
  return (
    <section class="card" aria-labelledby="member-maps-title">
      <h2 id="member-maps-title" class="card__title">
        {t('resources.case.memberMaps')}
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
                empty={<p class="field__hint">{t('resources.case.memberEmpty', { name })}</p>}
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
  const t = useT();
  const locale = useLocale();
  const japi = useJournalApi();
  const exercises = useCached(`journal:exercises:${locale}`, () => japi.listExercises(locale).then((r) => r.items));
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section class="card" aria-labelledby="case-exercise-title">
      <h2 id="case-exercise-title" class="card__title">
        {t('resources.case.exerciseTitle')}
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
              exercise
                ? t('resources.case.assigned', { title: exercise.title, count: c.member_ids.length })
                : t('resources.case.assignedUnnamed', { count: c.member_ids.length }),
            );
          }}
          onCancel={() => setOpen(false)}
        />
      ) : (
        <>
          <p class="field__hint">{t('resources.case.exerciseHint')}</p>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t('resources.case.assignAll')}
          </Button>
        </>
      )}
    </section>
  );
}
