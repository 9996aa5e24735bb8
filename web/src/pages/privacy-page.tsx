// "/personuppgifter": the full privacy notice that the short text at the form links to.
// Legal basis is public task (GDPR art. 6.1 e), not consent: the checkbox at the form
// records that the person has read this, it does not ask for consent. How long things are
// kept is the organiser's own decision, read from GET /api/organiser (asked for again here,
// so a change the office just made shows); no number is written into this page.
import { createResource, Show } from "solid-js";
import { api, type Organiser } from "../api.ts";
import { PageHeading, usePageTitle, useSite } from "../components/site.tsx";
import { anonymisedText, needsDeletedText } from "../privacy-text.ts";

export default function PrivacyPage() {
  const site = useSite();
  const [fresh] = createResource(() => api.organiserNow().catch((): Organiser | undefined => undefined));
  const org = () => fresh.latest ?? site.organiser();
  const name = () => org()?.name ?? "Samordningsförbundet";
  const mail = (address: string) => <a href={`mailto:${address}`}>{address}</a>;
  usePageTitle(() => "Så behandlar vi personuppgifter");
  return (
    <article class="prose">
      <PageHeading>Så behandlar vi personuppgifter</PageHeading>
      <p class="lead">
        När du anmäler dig till en utbildning, nätverksträff eller temadag lämnar du personuppgifter. Här beskriver vi
        vilka, varför, hur länge vi sparar dem, vem som ser dem och vilka rättigheter du har.
      </p>

      <h2>Personuppgiftsansvarig</h2>
      <p>
        {name()} är personuppgiftsansvarig.
        <Show when={org()}>
          {(o) => (
            <>
              {" "}
              Du når oss på {mail(o().email)}
              <Show when={o().phone}>{(phone) => <> eller {phone()}</>}</Show>.
            </>
          )}
        </Show>
      </p>
      <Show when={org()?.dpoEmail}>{(dpo) => <p>Förbundets dataskyddsombud når du på {mail(dpo())}.</p>}</Show>

      <h2>Vilka uppgifter vi sparar</h2>
      <ul>
        <li>Ditt namn och din e-postadress till jobbet.</li>
        <li>
          Din arbetsgivare (vilken av förbundets parter, eller annan arbetsgivare), din arbetsplats och dess kommun, och
          arbetsgivarens organisationsnummer om du anger det.
        </li>
        <li>Din roll eller ditt yrke, om du anger det.</li>
        <li>Ditt kön, om du vill ange det. Det är valfritt.</li>
        <li>Specialkost och behov av anpassning, om du anger dem. Det är valfritt.</li>
        <li>
          Vilka tillfällen du anmäler dig till, om du har plats, står på väntelistan eller har avbokat, om du deltog,
          och vilka mejl vi har skickat till dig om anmälan.
        </li>
      </ul>
      <p>Vi frågar aldrig efter ditt personnummer.</p>

      <h2>Varför vi behandlar dem</h2>
      <p>
        Den rättsliga grunden är att behandlingen behövs för att utföra en uppgift av allmänt intresse (artikel 6.1 e i
        dataskyddsförordningen): förbundets uppdrag att planera, genomföra och följa upp insatser som höjer kompetensen
        hos parternas medarbetare. Den rättsliga grunden är inte samtycke. Rutan du kryssar i vid anmälan betyder bara
        att du har tagit del av den här informationen.
      </p>
      <p>
        Vi använder uppgifterna för att hantera din anmälan, skicka bekräftelse, kalenderinbjudan och påminnelser, ta
        närvaro, ordna mat och lokal och ta fram statistik till årsredovisningen och till den nationella uppföljningen
        av samordningsförbunden. Statistiken redovisar bara antal, till exempel per part, kommun och kön.
      </p>
      <p>
        Specialkost och behov av anpassning kan säga något om din hälsa. Du lämnar dem bara om du vill, och vi använder
        dem bara för att ordna tillfället.
      </p>

      <h2>Vem som ser uppgifterna</h2>
      <ul>
        <li>
          Kursledarna ser uppgifterna om deltagarna på de tillfällen de leder, också specialkost och behov av
          anpassning.
        </li>
        <li>Förbundets kansli ser alla anmälningar med alla uppgifter.</li>
        <li>
          Lokalen och cateringen får bara antal, till exempel hur många som behöver glutenfri kost, aldrig namn eller
          vem som har vilket behov.
        </li>
      </ul>
      <p>
        {name()} är en myndighet. Anmälningar är allmänna handlingar och kan lämnas ut om någon begär det, efter en
        prövning enligt offentlighets- och sekretesslagen.
      </p>

      <h2>Hur länge vi sparar uppgifterna</h2>
      <Show
        when={org()}
        fallback={
          <p>
            Hur länge vi sparar uppgifterna följer förbundets beslut om gallring. Vi kunde inte hämta tiderna just nu:
            ladda om sidan om en stund.
          </p>
        }
      >
        {(o) => (
          <ul>
            <li data-retention="needs">
              Specialkost och behov av anpassning raderas {needsDeletedText(o().needsRetentionDays)}.
            </li>
            <li data-retention="people">
              Övriga uppgifter sparas i {anonymisedText(o().retentionMonths)}, enligt förbundets beslut om gallring.
              Därefter tar vi bort ditt namn, din e-postadress, din roll och det du har skrivit själv. Kvar finns bara
              anonyma uppgifter (part, arbetsplats, kön och närvaro), så att antalet deltagare i statistiken blir rätt.
            </li>
          </ul>
        )}
      </Show>
      <p>Vi för en logg över vad som har tagits bort och när, utan namn.</p>

      <h2>Dina rättigheter</h2>
      <p>
        I mejlet om din anmälan finns en personlig länk. Där kan du själv göra det mesta av det här, utan att fråga oss:
      </p>
      <ul>
        <li>
          <strong>Se</strong> vilka uppgifter vi har om dig och vilka mejl vi har skickat, och{" "}
          <strong>ladda ner</strong> allt som en fil (registerutdrag).
        </li>
        <li>
          <strong>Rätta</strong> ditt namn, din arbetsplats, roll, kön, specialkost och behov av anpassning. Är din
          e-postadress eller arbetsgivare fel, skriv till oss så rättar vi.
        </li>
        <li>
          <strong>Radera</strong> dina uppgifter, när tillfället är slut eller när du har avbokat. Du kan också be oss
          om det.
        </li>
        <li>Avboka, fram till tillfällets sista dag för avbokning.</li>
      </ul>
      <p>
        Du har också rätt att begära att behandlingen begränsas och att invända mot den. Skriv till oss
        <Show when={org()}>{(o) => <> på {mail(o().email)}</>}</Show>
        <Show when={org()?.dpoEmail}>{(dpo) => <>, eller till dataskyddsombudet på {mail(dpo())}</>}</Show>.
      </p>
      <p>
        Är du inte nöjd med hur vi behandlar dina personuppgifter kan du klaga hos Integritetsskyddsmyndigheten (IMY),{" "}
        <a href="https://www.imy.se" rel="external">
          imy.se
        </a>
        .
      </p>
    </article>
  );
}
