import type { RouteObject } from 'react-router-dom';
import { CollectPaymentScreen } from './CollectPaymentScreen';
import { CollectionRegisterScreen } from './CollectionRegisterScreen';
import { PaymentSuccessScreen } from './PaymentSuccessScreen';

/** Collections screens (issue 5). The household detail includes ReceiptsCard (Collect payment button, receipts). */
export const collectionRoutes: RouteObject[] = [
  { path: 'collections/register', element: <CollectionRegisterScreen /> },
  { path: 'collections/:connectionId/collect', element: <CollectPaymentScreen /> },
  { path: 'collections/receipts/:paymentId/success', element: <PaymentSuccessScreen /> },
];
