// "/personuppgifter": the full privacy notice that the short text at the form links to.
// Legal basis is public task (GDPR art. 6.1 e), not consent: the checkbox at the form
// records that the person has read this, it does not ask for consent.
import { Show } from "solid-js";
import { PageHeading, usePageTitle, useSite } from "../components/site.tsx";

export default function PrivacyPage() {
  const site = useSite();
  const org = () => site.organiser();
  const name = () => org()?.name ?? "Samordningsförbundet";
  usePageTitle(() => "Så behandlar vi personuppgifter");
  return (
    <article class="prose">
      <PageHeading>Så behandlar vi personuppgifter</PageHeading>
      <p class="lead">
        När du anmäler dig till en utbildning, nätverksträff eller temadag lämnar du personuppgifter. Här beskriver vi
        vilka, varför, hur länge vi sparar dem och vilka rättigheter du har.
      </p>

      <h2>Personuppgiftsansvarig</h2>
      <p>
        {name()} är personuppgiftsansvarig.
        <Show when={org()}>
          {(o) => (
            <>
              {" "}
              Du når oss på <a href={`mailto:${o().email}`}>{o().email}</a>
              <Show when={o().phone}>{(phone) => <> eller {phone()}</>}</Show>.
            </>
          )}
        </Show>
      </p>

      <h2>Vilka uppgifter vi behandlar</h2>
      <ul>
        <li>Namn och e-postadress till jobbet.</li>
        <li>Arbetsgivare, arbetsplats, kommun och, om du anger det, arbetsgivarens organisationsnummer.</li>
        <li>Roll eller yrke och kön, om du anger dem.</li>
        <li>Specialkost och behov av anpassning, om du anger dem.</li>
        <li>Vilka tillfällen du anmäler dig till, om du har plats eller står på väntelistan, och om du deltog.</li>
      </ul>
      <p>Vi frågar aldrig efter ditt personnummer.</p>

      <h2>Varför vi behandlar dem</h2>
      <p>
        Den rättsliga grunden är att behandlingen behövs för att utföra en uppgift av allmänt intresse (artikel 6.1 e i
        dataskyddsförordningen): förbundets uppdrag att planera, genomföra och följa upp insatser för att höja
        kompetensen hos parternas medarbetare. Vi använder uppgifterna för att hantera din anmälan, skicka bekräftelse,
        kalenderinbjudan och påminnelser, ta närvaro och ta fram statistik till årsredovisningen och till den nationella
        uppföljningen av samordningsförbunden. Statistiken redovisar bara antal, till exempel per part, kommun och kön.
      </p>

      <h2>Vem som ser uppgifterna</h2>
      <p>
        Kursledarna ser deltagarna på sina tillfällen och förbundets kansli ser alla anmälningar. Uppgifter om
        specialkost och behov av anpassning ser bara kursledarna och kansliet. Lokalen eller cateringen får bara antal,
        inte namn.
      </p>
      <p>
        {name()} är en offentlig verksamhet. Anmälningar är allmänna handlingar och kan lämnas ut om någon begär det,
        efter en prövning enligt offentlighets- och sekretesslagen.
      </p>

      <h2>Hur länge vi sparar uppgifterna</h2>
      <p>
        Uppgifter om specialkost och behov av anpassning raderas efter kursen.
        <Show when={org()?.retentionMonths} fallback=" Övriga uppgifter sparas enligt förbundets beslut om gallring.">
          {(months) => ` Övriga uppgifter sparas i ${months()} månader enligt förbundets beslut om gallring.`}
        </Show>{" "}
        Därefter tar vi bort det som kan kopplas till dig, men behåller antalet deltagare för statistiken.
      </p>

      <h2>Dina rättigheter</h2>
      <ul>
        <li>Du har rätt att få veta vilka uppgifter vi har om dig (registerutdrag).</li>
        <li>Du har rätt att få felaktiga uppgifter rättade.</li>
        <li>
          Du har i vissa fall rätt att få uppgifter raderade eller behandlingen begränsad, och att invända mot
          behandlingen.
        </li>
        <li>Du kan själv avboka via länken i bekräftelsemejlet.</li>
      </ul>
      <p>
        Är du inte nöjd med hur vi behandlar dina personuppgifter kan du klaga hos Integritetsskyddsmyndigheten (IMY),
        imy.se.
      </p>
    </article>
  );
}
