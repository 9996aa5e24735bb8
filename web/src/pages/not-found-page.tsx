import { PageHeading, usePageTitle } from "../components/site.tsx";

export default function NotFoundPage() {
  usePageTitle(() => "Sidan finns inte");
  return (
    <>
      <PageHeading>Sidan finns inte</PageHeading>
      <p>Sidan du letar efter finns inte. Kontrollera adressen, eller gå till listan över kommande utbildningar.</p>
      <p>
        <a href="/">Kommande utbildningar</a>
      </p>
    </>
  );
}
