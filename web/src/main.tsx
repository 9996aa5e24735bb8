// Entry of the public web app. The catalogue is in the first bundle; the other pages load
// when first needed (the router preloads them on hover and focus of a link), which keeps
// the first load of "/" small on a phone.
import { Route, Router } from "@solidjs/router";
import { lazy } from "solid-js";
import { render } from "solid-js/web";
import { Layout } from "./components/layout.tsx";
import CataloguePage from "./pages/catalogue-page.tsx";
import "./styles.css";

const OccasionPage = lazy(() => import("./pages/occasion-page.tsx"));
const ConfirmationPage = lazy(() => import("./pages/confirmation-page.tsx"));
const RegistrationPage = lazy(() => import("./pages/registration-page.tsx"));
const AccessibilityPage = lazy(() => import("./pages/accessibility-page.tsx"));
const PrivacyPage = lazy(() => import("./pages/privacy-page.tsx"));
const NotFoundPage = lazy(() => import("./pages/not-found-page.tsx"));
// Staff pages: separate chunks, never part of the catalogue's first load.
const SignInPage = lazy(() => import("./pages/sign-in-page.tsx"));
const SignInLinkPage = lazy(() => import("./pages/sign-in-link-page.tsx"));
const OfficeShell = lazy(() => import("./pages/office/office-shell.tsx"));
const FollowUpPage = lazy(() => import("./pages/office/follow-up-page.tsx"));
const GoalMembersPage = lazy(() => import("./pages/office/goal-members-page.tsx"));
const BoardSummaryPage = lazy(() => import("./pages/office/board-summary-page.tsx"));
const GoalsPage = lazy(() => import("./pages/office/goals-page.tsx"));
const WorkplacesPage = lazy(() => import("./pages/office/workplaces-page.tsx"));
const PeoplePage = lazy(() => import("./pages/office/people-page.tsx"));
const PersonPage = lazy(() => import("./pages/office/person-page.tsx"));
const SettingsPage = lazy(() => import("./pages/office/settings-page.tsx"));
const CourseTypesPage = lazy(() => import("./pages/office/course-types-page.tsx"));
const ExportsPage = lazy(() => import("./pages/office/exports-page.tsx"));
const YearPlanPage = lazy(() => import("./pages/office/year-plan-page.tsx"));
const OccasionEditPage = lazy(() => import("./pages/office/occasion-edit-page.tsx"));
const CourseNewPage = lazy(() => import("./pages/office/course-new-page.tsx"));
const CourseListPage = lazy(() => import("./pages/office/course-list-page.tsx"));
const CourseEditPage = lazy(() => import("./pages/office/course-edit-page.tsx"));
const AuditPage = lazy(() => import("./pages/office/audit-page.tsx"));
const UndeliveredMailPage = lazy(() => import("./pages/office/undelivered-mail-page.tsx"));
const ChargesPage = lazy(() => import("./pages/office/charges-page.tsx"));
// The needs counts: one page under both shells (it reads which from the address).
const NeedsPage = lazy(() => import("./pages/needs-page.tsx"));
// Course leaders' pages, and the participant's side of attendance: their own chunks too.
const LeaderShell = lazy(() => import("./pages/leader/leader-shell.tsx"));
const LeaderOccasionsPage = lazy(() => import("./pages/leader/occasions-page.tsx"));
const AttendancePage = lazy(() => import("./pages/leader/attendance-page.tsx"));
const CheckinQrPage = lazy(() => import("./pages/leader/checkin-qr-page.tsx"));
const CheckinPage = lazy(() => import("./pages/checkin-page.tsx"));
const CertificatePage = lazy(() => import("./pages/certificate-page.tsx"));
const EvaluationPage = lazy(() => import("./pages/evaluation-page.tsx"));
const EvaluationsPage = lazy(() => import("./pages/office/evaluations-page.tsx"));

render(
  () => (
    <Router root={Layout}>
      <Route path="/" component={CataloguePage} />
      <Route path="/tillfallen/:id" component={OccasionPage} />
      <Route path="/tillfallen/:id/klar" component={ConfirmationPage} />
      <Route path="/anmalan/:token" component={RegistrationPage} />
      <Route path="/anmalan/:token/intyg" component={CertificatePage} />
      <Route path="/incheckning/:dayId" component={CheckinPage} />
      <Route path="/utvardering/:token" component={EvaluationPage} />
      <Route path="/tillganglighet" component={AccessibilityPage} />
      <Route path="/personuppgifter" component={PrivacyPage} />
      <Route path="/logga-in" component={SignInPage} />
      <Route path="/logga-in/lank" component={SignInLinkPage} />
      <Route path="/kansliet" component={OfficeShell}>
        <Route path="/" component={FollowUpPage} />
        <Route path="/mal/:id" component={GoalMembersPage} />
        <Route path="/styrelse" component={BoardSummaryPage} />
        <Route path="/mal" component={GoalsPage} />
        <Route path="/arbetsplatser" component={WorkplacesPage} />
        <Route path="/personer" component={PeoplePage} />
        <Route path="/personer/:email" component={PersonPage} />
        <Route path="/installningar" component={SettingsPage} />
        <Route path="/kurstyper" component={CourseTypesPage} />
        <Route path="/export" component={ExportsPage} />
        <Route path="/arshjul" component={YearPlanPage} />
        <Route path="/tillfallen/ny" component={OccasionEditPage} />
        <Route path="/tillfallen/:id" component={OccasionEditPage} />
        <Route path="/tillfallen/:id/behov" component={NeedsPage} />
        <Route path="/utbildningar" component={CourseListPage} />
        <Route path="/utbildningar/ny" component={CourseNewPage} />
        <Route path="/utbildningar/:id" component={CourseEditPage} />
        <Route path="/logg" component={AuditPage} />
        <Route path="/mejl" component={UndeliveredMailPage} />
        <Route path="/avgifter" component={ChargesPage} />
        <Route path="/utvarderingar" component={EvaluationsPage} />
        <Route path="*" component={NotFoundPage} />
      </Route>
      <Route path="/kursledare" component={LeaderShell}>
        <Route path="/" component={LeaderOccasionsPage} />
        <Route path="/tillfallen/:id" component={AttendancePage} />
        <Route path="/tillfallen/:id/behov" component={NeedsPage} />
        <Route path="/tillfallen/:id/dagar/:dayId/qr" component={CheckinQrPage} />
        <Route path="*" component={NotFoundPage} />
      </Route>
      <Route path="*" component={NotFoundPage} />
    </Router>
  ),
  document.getElementById("app")!,
);
