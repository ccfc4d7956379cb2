// Moved to shared/explain (the microscope and the CLI use it too); re-exported for the window.
export * from '../../../shared/explain/conv-text';
