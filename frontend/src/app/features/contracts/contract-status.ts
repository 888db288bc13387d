/** A recipient's role in plain words (the agency's lists). */
export const ROLE_LABELS = { signer: 'Signer', approver: 'Approver', copy: 'Gets a copy' } as const;
