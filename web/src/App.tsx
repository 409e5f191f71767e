import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireSession } from './components/layout/RequireSession';
import { OrgLayout } from './components/layout/OrgLayout';
import { HomeRedirect } from './components/layout/HomeRedirect';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/SignInPage';
import { SystemsListPage } from './pages/systems/SystemsListPage';
import { SystemDetailPage } from './pages/systems/SystemDetailPage';
import { SystemAssurancePage } from './pages/assurance/SystemAssurancePage';
import { FairnessProfilesPage } from './pages/assurance/FairnessProfilesPage';
import { SystemCreatePage } from './pages/systems/SystemCreatePage';
import { SystemEditPage } from './pages/systems/SystemEditPage';
import { VendorsListPage } from './pages/vendors/VendorsListPage';
import { VendorDetailPage } from './pages/vendors/VendorDetailPage';
import { VendorCreatePage } from './pages/vendors/VendorCreatePage';
import { VendorEditPage } from './pages/vendors/VendorEditPage';
import { VendorResponsePage } from './pages/vendors/VendorResponsePage';
import { VendorGovernancePage } from './pages/vendors/VendorGovernancePage';
import { ImportPage } from './pages/ImportPage';
import { AuditTrailPage } from './pages/AuditTrailPage';
import { TokensPage } from './pages/TokensPage';
import { FrameworksListPage } from './pages/frameworks/FrameworksListPage';
import { FrameworkDetailPage } from './pages/frameworks/FrameworkDetailPage';
import { CrosswalkPage } from './pages/frameworks/CrosswalkPage';
import { EvidenceListPage } from './pages/evidence/EvidenceListPage';
import { EvidenceCreatePage } from './pages/evidence/EvidenceCreatePage';
import { EvidenceDetailPage } from './pages/evidence/EvidenceDetailPage';
import { EvidenceEditPage } from './pages/evidence/EvidenceEditPage';
import { SoaPage } from './pages/soa/SoaPage';
import { SoaVersionPage } from './pages/soa/SoaVersionPage';
import { AssessmentsListPage } from './pages/assessments/AssessmentsListPage';
import { AssessmentWorkspacePage } from './pages/assessments/AssessmentWorkspacePage';
import { ControlsPage } from './pages/controls/ControlsPage';
import { RemediationPage } from './pages/remediation/RemediationPage';
import { RiskRegisterPage } from './pages/risks/RiskRegisterPage';
import { AlertsPage } from './pages/alerts/AlertsPage';
import { DiscoveryCataloguePage } from './pages/discovery/DiscoveryCataloguePage';
import { DiscoveryPage } from './pages/discovery/DiscoveryPage';
import { TelemetryPage } from './pages/telemetry/TelemetryPage';
import { ImpactListPage } from './pages/impact/ImpactListPage';
import { ImpactAssessmentPage } from './pages/impact/ImpactAssessmentPage';
import { SystemClassifyPage } from './pages/classification/SystemClassifyPage';
import { ClassificationsPage } from './pages/classification/ClassificationsPage';

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/vendor-response/:token" element={<VendorResponsePage />} />
      <Route element={<RequireSession />}>
        <Route index element={<HomeRedirect />} />
        <Route path="o/:org" element={<OrgLayout />}>
          <Route index element={<Navigate to="systems" replace />} />
          <Route path="systems" element={<SystemsListPage />} />
          <Route path="systems/new" element={<SystemCreatePage />} />
          <Route path="systems/:id" element={<SystemDetailPage />} />
          <Route path="systems/:id/edit" element={<SystemEditPage />} />
          <Route path="systems/:id/classify" element={<SystemClassifyPage />} />
          <Route path="systems/:id/assurance" element={<SystemAssurancePage />} />
          <Route path="classifications" element={<ClassificationsPage />} />
          <Route path="vendors" element={<VendorsListPage />} />
          <Route path="vendors/new" element={<VendorCreatePage />} />
          <Route path="vendors/:id" element={<VendorDetailPage />} />
          <Route path="vendors/:id/edit" element={<VendorEditPage />} />
          <Route path="vendor-governance" element={<VendorGovernancePage />} />
          <Route path="frameworks" element={<FrameworksListPage />} />
          <Route path="frameworks/:framework" element={<FrameworkDetailPage />} />
          <Route path="crosswalks/:id" element={<CrosswalkPage />} />
          <Route path="evidence" element={<EvidenceListPage />} />
          <Route path="evidence/new" element={<EvidenceCreatePage />} />
          <Route path="evidence/:id" element={<EvidenceDetailPage />} />
          <Route path="evidence/:id/edit" element={<EvidenceEditPage />} />
          <Route path="soa" element={<SoaPage />} />
          <Route path="soa/versions/:versionNo" element={<SoaVersionPage />} />
          <Route path="assessments" element={<AssessmentsListPage />} />
          <Route path="assessments/:id" element={<AssessmentWorkspacePage />} />
          <Route path="controls" element={<ControlsPage />} />
          <Route path="remediation" element={<RemediationPage />} />
          <Route path="risks" element={<RiskRegisterPage />} />
          <Route path="alerts" element={<AlertsPage />} />
          <Route path="discovery" element={<DiscoveryPage />} />
          <Route path="discovery/catalogue" element={<DiscoveryCataloguePage />} />
          <Route path="telemetry" element={<TelemetryPage />} />
          <Route path="impact-assessments" element={<ImpactListPage />} />
          <Route path="impact-assessments/:id" element={<ImpactAssessmentPage />} />
          <Route path="import" element={<ImportPage />} />
          <Route path="audit" element={<AuditTrailPage />} />
          <Route path="settings/tokens" element={<TokensPage />} />
          <Route path="settings/fairness-profiles" element={<FairnessProfilesPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
