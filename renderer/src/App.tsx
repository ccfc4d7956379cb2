export function App() {
  return (
    <main>
      <h1>Postnet Studio</h1>
    </main>
  );
}
