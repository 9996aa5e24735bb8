// "/tillganglighet": the accessibility statement that DOS-lagen (2018:1937) requires, in the
// structure of DIGG's model text. It says only what has actually been done.
import { Show } from "solid-js";
import { PageHeading, usePageTitle, useSite } from "../components/site.tsx";

export default function AccessibilityPage() {
  const site = useSite();
  const org = () => site.organiser();
  usePageTitle(() => "Tillgänglighetsredogörelse");
  return (
    <article class="prose">
      <PageHeading>Tillgänglighetsredogörelse</PageHeading>
      <p class="lead">
        {org()?.name ?? "Samordningsförbundet"} står bakom den här webbplatsen för anmälan till utbildningar. Vi vill
        att så många som möjligt ska kunna använda den. Här beskriver vi hur webbplatsen uppfyller lagen om
        tillgänglighet till digital offentlig service, kända brister och hur du kan rapportera problem till oss.
      </p>

      <h2>Hur tillgänglig är webbplatsen?</h2>
      <p>
        Vårt mål är att webbplatsen ska uppfylla kraven i WCAG 2.1 på nivå AA. Den är <strong>delvis förenlig</strong>{" "}
        med lagen om tillgänglighet till digital offentlig service: vi känner inte till några brister mot kraven, men
        webbplatsen har ännu inte granskats av en oberoende part och har inte testats med alla hjälpmedel. Tills det är
        gjort lovar vi inte mer än så.
      </p>

      <h2>Så har vi testat webbplatsen</h2>
      <ul>
        <li>
          Katalogen, sidan för ett tillfälle med anmälningsformuläret (även när formuläret visar fel) och sidan för din
          anmälan testas automatiskt med verktyget axe-core mot WCAG 2.1 A och AA, i en riktig webbläsare, varje gång
          tjänsten ändras.
        </li>
        <li>Vi har gått igenom anmälan och avbokning med enbart tangentbord.</li>
        <li>
          Vi har kontrollerat att sidorna fungerar i en mobil med 360 pixlars bredd utan att du behöver skrolla i
          sidled.
        </li>
      </ul>
      <p>Vi har inte gjort några tester med användare som använder skärmläsare eller andra hjälpmedel.</p>

      <h2>Kända brister och undantag</h2>
      <ul>
        <li>
          Kalenderinbjudan och kalenderflödet är filer för ditt kalenderprogram, till exempel Outlook. Hur de fungerar
          med hjälpmedel beror på kalenderprogrammet.
        </li>
        <li>Webbplatsen kräver JavaScript. Kan du inte använda den, kontakta oss så anmäler vi dig på annat sätt.</li>
      </ul>

      <h2>Rapportera brister</h2>
      <p>
        Vi vill gärna veta om något inte fungerar för dig, eller om du behöver innehållet i ett annat format.
        <Show when={org()} fallback=" Kontakta förbundets kansli.">
          {(o) => (
            <>
              {" "}
              Skriv till oss på <a href={`mailto:${o().email}`}>{o().email}</a>
              <Show when={o().phone}>{(phone) => <> eller ring {phone()}</>}</Show>. Berätta vilken sida det gäller och
              vad som inte fungerade.
            </>
          )}
        </Show>
      </p>

      <h2>Tillsyn</h2>
      <p>
        Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital
        offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Myndigheten för
        digital förvaltning och påtala det. Det gör du på Diggs webbplats, digg.se, under anmälan om bristande
        tillgänglighet.
      </p>

      <h2>Om redogörelsen</h2>
      <p>Redogörelsen skrevs den 26 november 2026, när den här versionen av anmälningstjänsten byggdes.</p>
    </article>
  );
}
