import { Link } from 'wouter';
import { EmptyState } from '../components/ui';

export function NotFoundPage() {
  return (
    <EmptyState icon="alert" title="This page does not exist" action={<Link href="/" className="btn btn-primary">Go to the dashboard</Link>}>
      <p>The link you followed points nowhere in this version of Reseller Desk.</p>
    </EmptyState>
  );
}
