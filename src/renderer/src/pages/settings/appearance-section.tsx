import { THEMES, type Theme } from '../../../../shared/contract/app';
import { useAction } from '../../api/hooks';
import { ErrorMessage } from '../../components/ui';
import { useSettings } from '../../state/settings-store';

const LABEL: Record<Theme, string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };

export function AppearanceSection() {
  const theme = useSettings((s) => s.settings?.theme);
  const save = useAction((t: Theme) => useSettings.getState().update({ theme: t }));
  return (
    <section className="card" aria-labelledby="appearance-h">
      <h2 id="appearance-h">Appearance</h2>
      <fieldset className="plain" disabled={!theme || save.busy} aria-busy={save.busy || undefined}>
        <legend>Theme</legend>
        <div className="segmented">
          {THEMES.map((t) => (
            <label key={t} className={theme === t ? 'segment checked' : 'segment'}>
              <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => void save.run(t)} />
              {LABEL[t]}
            </label>
          ))}
        </div>
      </fieldset>
      {save.error && <ErrorMessage>{save.error}</ErrorMessage>}
    </section>
  );
}
