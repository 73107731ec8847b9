export { createAlertsService, alertView, type AlertsService, type EvaluationResult } from './alerts-service';
export { getTrayFeed, type TrayFeed } from './tray-feed';
