/**
 * The staff app's pages that load their code on first visit (route-level code splitting,
 * `shared/ui/LazyPage.tsx`): every screen but the start and sign-in pages. The route modules
 * (`router.tsx`, `*-routes.tsx`) place them.
 */
import { lazyPage } from '../shared/ui/LazyPage.js';

export const AppealCardPage = lazyPage(
  () => import('../features/appeal/components/AppealCardPage.js'),
  'AppealCardPage',
);
export const AddressRegistryPage = lazyPage(
  () => import('../features/address-registry/components/AddressRegistryPage.js'),
  'AddressRegistryPage',
);
export const WorksPage = lazyPage(
  () => import('../features/works/components/WorksPage.js'),
  'WorksPage',
);
export const MonitoringPage = lazyPage(
  () => import('../features/monitoring/components/MonitoringPage.js'),
  'MonitoringPage',
);
export const DigestsPage = lazyPage(
  () => import('../features/monitoring/components/DigestsPage.js'),
  'DigestsPage',
);
export const MassAppealsPage = lazyPage(
  () => import('../features/mass-appeals/components/MassAppealsPage.js'),
  'MassAppealsPage',
);
export const KnowledgePage = lazyPage(
  () => import('../features/knowledge/components/KnowledgePage.js'),
  'KnowledgePage',
);
export const ArticlePage = lazyPage(
  () => import('../features/knowledge/components/ArticlePage.js'),
  'ArticlePage',
);
export const ArticleEditorPage = lazyPage(
  () => import('../features/knowledge/components/ArticleEditorPage.js'),
  'ArticleEditorPage',
);
export const CallbacksPage = lazyPage(
  () => import('../features/callbacks/components/CallbacksPage.js'),
  'CallbacksPage',
);
export const CallbackRulesPage = lazyPage(
  () => import('../features/callbacks/components/CallbackRulesPage.js'),
  'CallbackRulesPage',
);
export const ScriptsPage = lazyPage(
  () => import('../features/knowledge/components/ScriptsPage.js'),
  'ScriptsPage',
);
export const CalendarPage = lazyPage(
  () => import('../features/calendar/components/CalendarPage.js'),
  'CalendarPage',
);
export const BoilerplatePage = lazyPage(
  () => import('../features/formal-answers/components/BoilerplatePage.js'),
  'BoilerplatePage',
);
export const ExplanationsPage = lazyPage(
  () => import('../features/deadlines/components/ExplanationsPage.js'),
  'ExplanationsPage',
);
export const ReportsPage = lazyPage(
  () => import('../features/reports/components/ReportsPage.js'),
  'ReportsPage',
);
export const ExtensionRequestsPage = lazyPage(
  () => import('../features/deadlines/components/ExtensionRequestsPage.js'),
  'ExtensionRequestsPage',
);
export const NotificationsPage = lazyPage(
  () => import('../features/notifications/components/NotificationsPage.js'),
  'NotificationsPage',
);
export const NotificationSettingsPage = lazyPage(
  () => import('../features/notifications/components/NotificationSettingsPage.js'),
  'NotificationSettingsPage',
);
export const ModerationPage = lazyPage(
  () => import('../features/moderation/components/ModerationPage.js'),
  'ModerationPage',
);
export const NewCallPage = lazyPage(
  () => import('../features/new-call/components/NewCallPage.js'),
  'NewCallPage',
);
export const RegistryPage = lazyPage(
  () => import('../features/registry/components/RegistryPage.js'),
  'RegistryPage',
);
export const AdminPage = lazyPage(
  () => import('../features/admin/components/AdminPage.js'),
  'AdminPage',
);
export const AuditAdmin = lazyPage(
  () => import('../features/admin/components/AuditAdmin.js'),
  'AuditAdmin',
);
export const ClassifierAdmin = lazyPage(
  () => import('../features/admin/components/ClassifierAdmin.js'),
  'ClassifierAdmin',
);
export const OrganisationsAdmin = lazyPage(
  () => import('../features/admin/components/OrganisationsAdmin.js'),
  'OrganisationsAdmin',
);
export const RoutingAdmin = lazyPage(
  () => import('../features/admin/components/RoutingAdmin.js'),
  'RoutingAdmin',
);
export const SettingsAdmin = lazyPage(
  () => import('../features/admin/components/SettingsAdmin.js'),
  'SettingsAdmin',
);
export const UsersAdmin = lazyPage(
  () => import('../features/admin/components/UsersAdmin.js'),
  'UsersAdmin',
);
export const Open311KeysAdmin = lazyPage(
  () => import('../features/admin/components/Open311KeysAdmin.js'),
  'Open311KeysAdmin',
);
export const TemplatesAdmin = lazyPage(
  () => import('../features/admin/components/TemplatesAdmin.js'),
  'TemplatesAdmin',
);
export const DutiesPage = lazyPage(
  () => import('../features/duties/components/DutiesPage.js'),
  'DutiesPage',
);
export const ApplicantsPage = lazyPage(
  () => import('../features/applicants/components/ApplicantsPage.js'),
  'ApplicantsPage',
);
export const OwnPasswordPage = lazyPage(
  () => import('../features/account/components/OwnPasswordPage.js'),
  'OwnPasswordPage',
);
export const CallLogPage = lazyPage(
  () => import('../features/telephony/components/CallLogPage.js'),
  'CallLogPage',
);
export const PresencePage = lazyPage(
  () => import('../features/telephony/components/PresencePage.js'),
  'PresencePage',
);
export const InboxPage = lazyPage(() => import('./WorkPages.js'), 'InboxPage');
export const ReviewPage = lazyPage(() => import('./WorkPages.js'), 'ReviewPage');
