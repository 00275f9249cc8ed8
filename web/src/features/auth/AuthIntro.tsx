// The brand block above the sign-in and invitation forms.
export function AuthIntro({ tagline }: { tagline: string }) {
  return (
    <div class="auth__intro">
      <span class="brand__mark brand__mark--large" aria-hidden="true" />
      <p class="auth__product">Trove</p>
      <p class="auth__tagline">{tagline}</p>
    </div>
  );
}
