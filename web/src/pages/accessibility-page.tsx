// "/tillganglighet": the accessibility statement that lagen (2018:1937) om tillgänglighet till
// digital offentlig service requires, in the parts of DIGG's model (who, how accessible, what
// to do, report, enforcement, technical information with the known shortcomings, how it was
// tested, when it was last reviewed). It claims only what is true of this app.
import { Show } from "solid-js";
import { PageHeading, usePageTitle, useSite } from "../components/site.tsx";

/** The date of the last review of this statement (ISO, shown in Swedish). */
export const LAST_REVIEWED = "2026-12-02";

export default function AccessibilityPage() {
  const site = useSite();
  const org = () => site.organiser();
  const who = () => org()?.name ?? "Samordningsförbundet";
  usePageTitle(() => "Tillgänglighetsredogörelse");
  const contact = () => (
    <Show when={org()} fallback=" Kontakta förbundets kansli.">
      {(o) => (
        <>
          {" "}
          Skriv till <a href={`mailto:${o().email}`}>{o().email}</a>
          <Show when={o().phone}>{(phone) => <> eller ring {phone()}</>}</Show>.
        </>
      )}
    </Show>
  );
  return (
    <article class="prose">
      <PageHeading>Tillgänglighetsredogörelse</PageHeading>
      <p class="lead">
        {who()} står bakom den här webbplatsen för anmälan till utbildningar. Vi vill att så många som möjligt ska kunna
        använda den. Den här redogörelsen beskriver hur webbplatsen uppfyller lagen (2018:1937) om tillgänglighet till
        digital offentlig service, vilka brister vi känner till och hur du kan rapportera problem till oss.
      </p>

      <h2>Hur tillgänglig är webbplatsen?</h2>
      <p>
        Webbplatsen är <strong>delvis förenlig</strong> med lagen om tillgänglighet till digital offentlig service, på
        grund av de brister som beskrivs under <a href="#brister">Innehåll som inte är tillgängligt</a>.
      </p>

      <h2>Vad kan du göra om du inte kan använda delar av webbplatsen?</h2>
      <p>
        Behöver du innehåll i ett annat format, eller vill du anmäla dig på annat sätt, kan du kontakta oss.{contact()}
      </p>

      <h2>Rapportera brister i webbplatsens tillgänglighet</h2>
      <p>
        Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du upptäcker problem som inte beskrivs
        på den här sidan, eller om du anser att vi inte uppfyller lagens krav, meddela oss så att vi får veta att
        problemet finns.{contact()} Berätta vilken sida det gäller och vad som inte fungerade.
      </p>

      <h2>Tillsynsmyndighet</h2>
      <p>
        Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital
        offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du{" "}
        <a href="https://www.digg.se/anmal-bristande-tillganglighet">
          kontakta Digg och påtala det (digg.se/anmal-bristande-tillganglighet)
        </a>
        .
      </p>

      <h2>Teknisk information om webbplatsens tillgänglighet</h2>
      <p>
        Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de
        brister som beskrivs nedan. Målet är WCAG 2.1 på nivå AA.
      </p>
      <h3 id="brister">Innehåll som inte är tillgängligt</h3>
      <ul>
        <li>
          Filer som kansliet laddar ner från webbplatsen (kalkylblad i XLSX- och CSV-format) är inte granskade för
          tillgänglighet.
        </li>
        <li>
          Incheckning med QR-kod kräver en kamera för att läsa koden. Utan kamera kan du i stället skriva in adressen
          och koden som visas på skärmen och checka in med din e-postadress, eller be kursledaren markera din närvaro.
        </li>
        <li>
          Utskrifter (intyget, signeringslistan och styrelsesammanställningen) är vanliga webbsidor som skrivs ut från
          webbläsaren; vi gör inga PDF-filer. Hur utskriften eller en sparad PDF blir beror på webbläsaren.
        </li>
        <li>
          Kalenderinbjudan och kalenderflödet är filer för ditt kalenderprogram, till exempel Outlook. Hur de fungerar
          med hjälpmedel beror på kalenderprogrammet.
        </li>
        <li>Webbplatsen kräver JavaScript. Kan du inte använda den, kontakta oss så anmäler vi dig på annat sätt.</li>
      </ul>

      <h2>Hur vi testat webbplatsen</h2>
      <p>Vi har gjort en självskattning (intern testning) av webbplatsen:</p>
      <ul>
        <li>
          Sidorna testas automatiskt med verktyget axe-core mot WCAG 2.1 A och AA, i en riktig webbläsare, varje gång
          tjänsten ändras.
        </li>
        <li>Vi har gått igenom anmälan, avbokning och incheckning med enbart tangentbord.</li>
        <li>Vi har kontrollerat att de publika sidorna fungerar i en mobil utan att du behöver skrolla i sidled.</li>
      </ul>
      <p>
        Webbplatsen har inte granskats av en oberoende part, och vi har inte testat den med användare av skärmläsare
        eller andra hjälpmedel.
      </p>
      <p>
        Redogörelsen granskades senast den <time datetime={LAST_REVIEWED}>2 december 2026</time>.
      </p>
    </article>
  );
}
